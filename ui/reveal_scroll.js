// Scroll the page to the part that proves a revealed answer (ui/reveal.py).
//
// What Python passes (``data``, JSON): ``target``, the Streamlit key of an element on the
// page (a lesson's tabs, a keyed container), and ``nonce``, new at each request. The
// element carries the class ``st-key-<key>`` (Streamlit replaces every character outside
// [a-zA-Z0-9_-] by "-"). A request is served once: a rerun that draws the same data again
// does not move the page. Nothing here writes HTML; it only reads the page and scrolls.

const memory = window.__sxRevealScroll || (window.__sxRevealScroll = { served: null });
const WAIT_MS = 4000; // the element may be drawn a moment after this component
const STEP_MS = 100;
const DRIFT_PX = 3; // farther from its place than this, the element is brought back

function find(target) {
  const name = 'st-key-' + String(target).trim().replace(/[^a-zA-Z0-9_-]/g, '-');
  return document.getElementsByClassName(name)[0] || null;
}

// Charts above the element may finish drawing after the scroll and push it down: while
// the page is still drawing, bring it back to the top if it drifted, unless the person
// scrolled, typed or clicked meanwhile. "Still drawing" is measured, not guessed: a script
// run going on, a skeleton left, or a drift just mended; on a loaded machine the charts
// may come seconds late (a fixed list of delays ran out before they did).
const CHECK_MS = 250;
const FIRST_CHECK_MS = 500; // let the smooth scroll get there first
const QUIET_MS = 2000; // this long with nothing drawing and nothing to mend: done
const LONGEST_MS = 30000;

function drawing() {
  const app = document.querySelector('[data-testid="stApp"]');
  const running = app && app.getAttribute('data-test-script-state') === 'running';
  return Boolean(running || document.querySelector('[data-testid="stSkeleton"]'));
}

function settle(element) {
  let moved = false;
  const stop = () => { moved = true; };
  for (const kind of ['wheel', 'touchstart', 'keydown', 'mousedown']) {
    window.addEventListener(kind, stop, { once: true, capture: true });
  }
  const started = Date.now();
  let busy = started;
  const check = () => {
    if (moved || !element.isConnected) return;
    const now = Date.now();
    const margin = parseFloat(getComputedStyle(element).scrollMarginTop) || 0;
    // A few pixels off already matter: a view's chart is as tall as the window leaves
    // it below the element at its margin (ui/viewport.js).
    if (Math.abs(element.getBoundingClientRect().top - margin) > DRIFT_PX) {
      element.scrollIntoView({ block: 'start' });
      busy = now;
    } else if (drawing()) {
      busy = now;
    }
    if (now - busy < QUIET_MS && now - started < LONGEST_MS) window.setTimeout(check, CHECK_MS);
  };
  window.setTimeout(check, FIRST_CHECK_MS);
}

export default function (component) {
  const data = component.data;
  if (!data || typeof data.target !== 'string' || typeof data.nonce !== 'string') return;
  if (memory.served === data.nonce) return;
  memory.served = data.nonce;
  const started = Date.now();
  const attempt = () => {
    const element = find(data.target);
    if (element) {
      element.style.scrollMarginTop = '4.5rem'; // clear of Streamlit's header (ui/viewport.js too)
      element.scrollIntoView({ behavior: 'smooth', block: 'start' });
      document.body.dataset.sxRevealed = data.target;
      settle(element);
      return;
    }
    if (Date.now() - started < WAIT_MS) window.setTimeout(attempt, STEP_MS);
  };
  window.requestAnimationFrame(attempt);
}
