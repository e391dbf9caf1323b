// The words every lesson speaks: numbers formatted for reading, tables, and claims about a run.
// They live in Claims, below the lesson kit, so that the figures can use them too; a lesson that
// imports the kit has them without a second import.
@_exported import Claims
