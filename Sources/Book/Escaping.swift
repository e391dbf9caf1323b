/// The one way a value from a run (a command line with a folder's name in it, a chart's title, a
/// label) goes into an HTML attribute: Plot writes attribute values as they are, between double
/// quotes, so every character that could end the value or start markup is written as an entity.
/// Text between tags is Plot's to escape.
func attributeValue(_ raw: String) -> String {
    var escaped = ""
    for character in raw {
        switch character {
        case "&": escaped += "&amp;"
        case "\"": escaped += "&quot;"
        case "'": escaped += "&#39;"
        case "<": escaped += "&lt;"
        case ">": escaped += "&gt;"
        default: escaped.append(character)
        }
    }
    return escaped
}
