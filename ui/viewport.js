// How much of the browser's window is left below a point of the page, for a view that must
// fit one screen (issue #12: the training lesson's live view, a lesson tab's picture in
// projection mode): the window's inner height less the top of what follows this probe.
// Sent when the page is drawn, after the window was resized (or left or entered
// fullscreen) by more than a few pixels, and after a tab was chosen; nothing here writes
// HTML.
//
// Each probe (its Python key in ``data.name``) measures on its own. One inside a lesson's
// tabs (``data.tabs``) measures as the page stands when a link to that tab opened it: the
// tabs scrolled to the top of the window, at their scroll margin (ui/reveal_scroll.js).

const memory = window.__sxViewport || (window.__sxViewport = { probes: {}, timer: null });
memory.probes = memory.probes || {};
// The tabs' scroll margin when the page has not set one yet: the one ui/reveal_scroll.js
// sets when it scrolls to them, 4.5rem (in projection mode 99 px, not 72: a probe that
// measured before the scroll made a chart 27 px too tall).
const TAB_MARGIN_REM = 4.5;
// A change of the room by more than this is sent (the page runs again). What lies above a
// probe does not depend on the heights the page gives below it, so a small step cannot
// loop; at 24 a chart ended 24 px below a 1280×720 screen.
const RESEND_PX = 6;

function measure(probe) {
  const root = probe.root;
  const holder = root && root.closest && root.closest('[data-testid="stElementContainer"]');
  const next = holder && holder.nextElementSibling;
  if (!next || !next.isConnected || next.getClientRects().length === 0) return null;
  const top = next.getBoundingClientRect().top;
  if (probe.tabs) {
    const tabs = holder.closest('[data-testid="stTabs"]');
    const keyed = tabs && (tabs.closest('[class*="st-key-"]') || tabs);
    if (!keyed) return null;
    const rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
    const margin = parseFloat(getComputedStyle(keyed).scrollMarginTop) || TAB_MARGIN_REM * rem;
    return Math.round(window.innerHeight - margin - (top - keyed.getBoundingClientRect().top));
  }
  const scroller = document.querySelector('[data-testid="stMain"]');
  return Math.round(window.innerHeight - top - (scroller ? scroller.scrollTop : 0));
}

function send(probe) {
  if (!probe.root || !probe.root.isConnected) return;
  const room = measure(probe);
  if (room !== null && probe.set && Math.abs(room - probe.sent) > RESEND_PX) {
    probe.sent = room;
    probe.set('room', room);
  }
}

function sendAll() {
  for (const probe of Object.values(memory.probes)) send(probe);
}

function later() {
  clearTimeout(memory.timer);
  memory.timer = setTimeout(sendAll, 250);
}

export default function (component) {
  const data = component.data || {};
  const name = typeof data.name === 'string' ? data.name : 'viewport.probe';
  const probe = memory.probes[name] || (memory.probes[name] = { sent: 0 });
  probe.set = component.setStateValue;
  probe.root = component.parentElement;
  probe.tabs = data.tabs === true;
  probe.sent = data.known || 0;
  if (!memory.listening) {
    memory.listening = true;
    window.addEventListener('resize', later);
    // A tab chosen by hand shows a panel whose probe could not measure while hidden.
    document.addEventListener('click', (event) => {
      if (event.target && event.target.closest && event.target.closest('[role="tab"]')) later();
    }, true);
  }
  // After the page around it has laid out, and again once its fonts are in (a measure
  // taken before a fresh browser had loaded them was tens of pixels off).
  requestAnimationFrame(() => requestAnimationFrame(() => send(probe)));
  if (document.fonts && document.fonts.ready) {
    document.fonts.ready.then(() => requestAnimationFrame(() => send(probe)));
  }
  // And whenever the page's layout moves (what is drawn above a probe can grow after it
  // measured: a measure 48 px too large stayed, and a chart ended below the screen). Only
  // a change of the room itself is sent, and the room does not depend on what the page
  // draws below the probe, so this cannot loop.
  const block = document.querySelector('[data-testid="stMainBlockContainer"]');
  if (block && memory.observed !== block) {
    memory.observed = block;
    if (memory.observer) memory.observer.disconnect();
    memory.observer = new ResizeObserver(later);
    memory.observer.observe(block);
  }
}
