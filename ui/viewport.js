// How much of the browser's window is left below a point of the page, for a view that must
// fit one screen (the training lesson's live view in projection mode, issue #12): the
// window's inner height less the top of what follows this probe. Sent when the page is
// drawn and again after the window was resized (or left or entered fullscreen) by more
// than a few pixels; nothing here writes HTML.

const memory = window.__sxViewport || (window.__sxViewport = { sent: 0, timer: null });

function measure(root) {
  const holder = root && root.closest && root.closest('[data-testid="stElementContainer"]');
  const next = holder && holder.nextElementSibling;
  if (!next) return null;
  const scroller = document.querySelector('[data-testid="stMain"]');
  const top = next.getBoundingClientRect().top + (scroller ? scroller.scrollTop : 0);
  return Math.round(window.innerHeight - top);
}

function send() {
  const room = measure(memory.root);
  if (room !== null && memory.set && Math.abs(room - memory.sent) > 24) {
    memory.sent = room;
    memory.set('room', room);
  }
}

export default function (component) {
  memory.set = component.setStateValue;
  memory.root = component.parentElement;
  memory.sent = (component.data && component.data.known) || 0;
  if (!memory.listening) {
    memory.listening = true;
    window.addEventListener('resize', () => {
      clearTimeout(memory.timer);
      memory.timer = setTimeout(send, 250);
    });
  }
  // After the page around it has laid out.
  requestAnimationFrame(() => requestAnimationFrame(send));
}
