"""Images: softmax regression on pictures, from the notes' 2×2 image to Fashion-MNIST, and
whether its outputs are probabilities (ui/lessons/images/)."""

from ui.lessons import images
from ui.shell import page_setup

page_setup("images")
images.render()
