"""Strings of the training lesson (issue #5); ``training.live.*`` also serve ``ui/live.py``."""

EN = {
    "training.live.play": "Play",
    "training.live.pause": "Pause",
    "training.live.step": "Step",
    "training.live.reset": "Reset",
}

ZH = {
    "training.live.play": "播放",
    "training.live.pause": "暂停",
    "training.live.step": "单步",
    "training.live.reset": "重置",
}
