// `swift run lesson …`: everything happens in the runner.
import LessonRunner

LessonCommand.start()
