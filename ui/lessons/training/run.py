"""The training lesson's run: started for one data set, trained frame by frame, reset, and
set up by a revealed answer. No widgets, no charts."""

from core import liverun
from ui import live, urlstate
from ui.lessons.training.controls import TrainingSettings
from ui.lessons.training.data import LessonData
from ui.lessons.training.panels import divergence_message
from ui.lessons.training.state import TrainingState
from ui.questions import by_id

# Questions whose answer shows only in a trained state: the reveal trains this many epochs
# from W = 0 (at W = 0 every logit ties and there is no boundary to see).
TRAINED_REVEALS = {"boundaries": 50}
# The latest epoch a link may name (``?epoch=``): a run is fixed by its data, settings and
# seed, so a link reproduces it by training again, in bounded steps (``catch_up``).
MAX_LINK_EPOCH = 5_000


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
    state.aim_at(trained[0] if trained else 0)


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
        start_over(data, hyper)  # trained towards an epoch aimed at by ``catch_up`` below
    # Every number shown belongs to the settings of now: the history in the chosen loss, and a
    # divergence forgotten once the settings it happened with are changed.
    run_now = liverun.with_loss(state.run(), hyper.loss)
    if run_now.divergence is not None and state.diverged_with() != _diverging_settings(hyper):
        run_now = liverun.resume(run_now)
        loop.clear_stop()
    state.keep_run(run_now)
    catch_up(loop, data, hyper)


def follow_link(loop: live.Loop, data: LessonData, epoch: int | None, play: bool | None) -> None:
    """A link's view of the run (``?epoch=`` and ``?play=``): these data and settings trained
    from W = 0 to ``epoch``, paused, or playing from there."""
    state = TrainingState()
    same = state.run_is_of(data.key) and state.run().epoch == epoch and state.aim() is None
    if epoch is not None and not same:
        state.forget_run()  # a new run, trained to the link's epoch
        state.aim_at(epoch, bool(play))  # playing once it gets there
        loop.play() if play and not epoch else loop.pause()
        return
    if play is not None:
        loop.play() if play else loop.pause()


def catch_up(loop: live.Loop, data: LessonData, hyper: TrainingSettings) -> bool:
    """Train toward the epoch aimed at, within this run's CPU budget (``ui.process``): true
    while the run is still short of it (the live view goes on in the next ticks)."""
    state = TrainingState()
    target = state.aim()
    if target is None:
        return False
    run = state.run()
    if run.epoch < target and run.divergence is None:
        run = advance(
            run, data, hyper, target - run.epoch, live.budget(background=live.timer_tick())
        )
        state.keep_run(run)
    if run.epoch < target and run.divergence is None:
        return True
    if state.reach_aim():
        loop.play()
    if run.divergence is not None:
        diverged(loop, run, hyper)
    return False


def diverged(loop: live.Loop, run, hyper: TrainingSettings) -> None:
    """Stop the loop with the message, noting the settings it diverged with."""
    TrainingState().note_diverged_with(_diverging_settings(hyper))
    loop.stop(divergence_message(run.divergence, hyper.descent.learning_rate))
