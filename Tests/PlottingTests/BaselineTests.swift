import TestSupport
import Testing

@testable import Plotting

/// Another run's series beneath a chart's own, as the lesson book's slider draws them.
struct BaselineTests {
    static func chart(_ values: [Double], title: String) -> Chart {
        let path = values.enumerated().map { [Double($0.offset), $0.element] }
        let curve = [[0.0, 0.0], [1, 1]]
        return .single(
            "loss", title: title,
            Plot(
                x: Axis("step"), y: Axis("loss"),
                series: [
                    Series("the curve", curve, look: .line, colour: .dark),
                    Series("η = 0.5", path, look: .path),
                    Series(nil, [path[0]], look: .markers, colour: .dark),
                ]))
    }

    @Test("The baseline's lines go beneath, grey, dashed and named; its markers and copies do not")
    func beneath() throws {
        let own = Self.chart([4, 2, 1], title: "own")
        let slider = Self.chart([4, 3, 2.5], title: "slider")
        let both = try #require(slider.over(baseline: own, label: "the lesson's own run"))
        let series = try #require(both.recipe?.plots.first?.series)
        #expect(series.count == 4)
        #expect(series[0].title == "the lesson's own run: η = 0.5")
        #expect(series[0].look == .dashed && series[0].colour == .guide)
        #expect(series[0].points == [[0, 4], [1, 2], [2, 1]])
        #expect(series.dropFirst().map(\.title) == ["the curve", "η = 0.5", nil])
        #expect(both.commands.joined().contains("the lesson's own run: η = 0.5"))
        #expect(both.data.blocks.count == slider.data.blocks.count + 1)
    }

    @Test("Charts drawn differently have nothing to lay one over the other")
    func mismatched() {
        let single = Self.chart([1, 2], title: "one panel")
        let plot = single.recipe!.plots[0]
        let panels = Chart.panels("loss", title: "two panels", [plot, plot], columns: 2)
        #expect(single.over(baseline: panels, label: "own") == nil)
        #expect(panels.over(baseline: single, label: "own") == nil)
        let picture = Chart(name: "p", title: "p", data: single.data, commands: [])
        #expect(single.over(baseline: picture, label: "own") == nil)
    }

    @Test("Arrows beneath become the path through their tails and the last head")
    func arrows() {
        let look = Look.arrows(scale: 1)
        #expect(look.path([[0, 4, 1, -2], [1, 2, 1, -1]]) == [[0, 4], [1, 2], [2, 1]])
    }

    @Test("A chart drawn for paper is its printed size in points with 9 pt text")
    func paperSize() {
        let chart = Self.chart([1, 2], title: "t")
        #expect(chart.paperSize.width == 400 && chart.paperSize.font == 9)
        var pictures = chart
        pictures.printsAtSize = false
        #expect(pictures.paperSize.width == chart.width && pictures.paperSize.font == 12)
    }
}
