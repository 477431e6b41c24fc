"""The page types that are steps of a course (lessons; quizzes add themselves in their
AppConfig.ready()). A step model has a boolean `required` field. Re-exported by
`courses.api`; kept here, below the models and selectors that read it."""

STEP_MODELS: list = []


def register_step_model(model) -> None:
    if model not in STEP_MODELS:
        STEP_MODELS.append(model)
