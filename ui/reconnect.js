// After the connection to the server comes back (a worker died and restarted, or nginx sent
// the page to another one), Streamlit's page keeps showing the old view and runs nothing
// until the student acts. This asks for one run at once, so the page can say what happened
// (ui/shell.py, "shell.came_back") and bring the view back from the link.
//
// It watches the connection state Streamlit's frontend writes on its root element; nothing
// here writes HTML.

const memory = window.__sxReconnect || (window.__sxReconnect = { trigger: null, watching: false });

function watch() {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app) return false;
  let lost = false;
  new MutationObserver(() => {
    const state = app.getAttribute('data-test-connection-state');
    if (state && state !== 'CONNECTED') {
      lost = true;
    } else if (state === 'CONNECTED' && lost) {
      lost = false;
      // Give the frontend a moment to finish its own reconnection before asking for a run.
      setTimeout(() => memory.trigger && memory.trigger('back', Date.now()), 300);
    }
  }).observe(app, { attributes: true, attributeFilter: ['data-test-connection-state'] });
  return true;
}

export default function (component) {
  memory.trigger = component.setTriggerValue;
  if (!memory.watching) memory.watching = watch();
}
