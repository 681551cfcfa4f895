// The height of the browser's window, for a page that must fit one screen (the training
// lesson's live view in projection mode, issue #12). Sent once when the page is drawn and
// again after the window was resized (or the browser left or entered fullscreen) by more
// than a few pixels; nothing here writes HTML.

const memory = window.__sxViewport || (window.__sxViewport = { sent: 0, timer: null, set: null });

function send() {
  const height = Math.round(window.innerHeight);
  if (memory.set && Math.abs(height - memory.sent) > 24) {
    memory.sent = height;
    memory.set('height', height);
  }
}

export default function (component) {
  memory.set = component.setStateValue;
  if (!memory.listening) {
    memory.listening = true;
    window.addEventListener('resize', () => {
      clearTimeout(memory.timer);
      memory.timer = setTimeout(send, 250);
    });
  }
  if (component.data && component.data.known !== memory.sent) memory.sent = component.data.known || 0;
  send();
}
