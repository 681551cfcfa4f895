"""The training lesson's run: started for one data set, trained frame by frame, reset, and
set up by a revealed answer. No widgets, no charts."""

from core import liverun
from ui import live, process, urlstate
from ui.lessons.training.controls import TrainingSettings
from ui.lessons.training.data import LessonData
from ui.lessons.training.panels import divergence_message
from ui.lessons.training.state import TrainingState
from ui.questions import by_id

# Questions whose answer shows only in a trained state: the reveal trains this many epochs
# from W = 0 (at W = 0 every logit ties and there is no boundary to see).
TRAINED_REVEALS = {"boundaries": 50}


def reveal_answer(answer: dict) -> None:
    """Show a question's answer on generated blobs: its settings, the run reset and paused at
    epoch 0 (a start-from-zero answer needs epoch 0 on screen, whatever ran before), or
    trained ``TRAINED_REVEALS`` epochs for an answer that needs trained parameters."""
    state = TrainingState()
    for name, value in answer.items():
        urlstate.set_value(name, value)
    urlstate.set_value("training.source", "blobs")
    if answer.get("loss") == "mse":
        state.show_comparison()  # both losses side by side
    stopped = live.Loop("training")
    stopped.pause()
    stopped.clear_stop()
    state.forget_run()  # the page starts a new run
    trained = [
        epochs
        for question_id, epochs in TRAINED_REVEALS.items()
        if (question := by_id(question_id)) is not None and question.reveal == answer
    ]
    state.pretrain_next(trained[0] if trained else 0)


def advance(run, data: LessonData, hyper: TrainingSettings, n_epochs: int, keep_going):
    """``run`` ``n_epochs`` further with the settings of now, fewer once ``keep_going`` says
    this run's work is spent."""
    return liverun.advance(
        run,
        data.X_train,
        data.y_train,
        data.X_test,
        data.y_test,
        n_epochs=n_epochs,
        loss=hyper.loss,
        keep_going=keep_going,
        **hyper.descent.arguments(),
    )


def start_over(data: LessonData, hyper: TrainingSettings) -> None:
    """A new run of ``data`` from W = 0."""
    run = liverun.start(
        data.X_train,
        data.y_train,
        data.X_test,
        data.y_test,
        data.n_classes,
        seed=data.seed,
        loss=hyper.loss,
    )
    TrainingState().start_run(run, data.key)
    live.Loop("training").clear_stop()  # an old run's divergence is not this one's


def _diverging_settings(hyper: TrainingSettings) -> tuple:
    """The settings a divergence happens with: other settings let the run go on."""
    return (hyper.descent, hyper.loss)


def settle(loop: live.Loop, data: LessonData, hyper: TrainingSettings) -> None:
    """The run for this page run: a new one for other data (trained first if a revealed
    answer asks), and in step with the settings of now."""
    state = TrainingState()
    if not state.run_is_of(data.key):
        start_over(data, hyper)
        pretrain = state.take_pretrain()
        if pretrain:
            state.keep_run(advance(state.run(), data, hyper, pretrain, process.cpu_budget()))
    # Every number shown belongs to the settings of now: the history in the chosen loss, and a
    # divergence forgotten once the settings it happened with are changed.
    run_now = liverun.with_loss(state.run(), hyper.loss)
    if run_now.divergence is not None and state.diverged_with() != _diverging_settings(hyper):
        run_now = liverun.resume(run_now)
        loop.clear_stop()
    state.keep_run(run_now)


def diverged(loop: live.Loop, run, hyper: TrainingSettings) -> None:
    """Stop the loop with the message, noting the settings it diverged with."""
    TrainingState().note_diverged_with(_diverging_settings(hyper))
    loop.stop(divergence_message(run.divergence, hyper.descent.learning_rate))
