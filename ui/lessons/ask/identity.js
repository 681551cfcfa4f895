// A student's opaque id for one class round (ui/lessons/ask/identity.py), kept in this
// browser's localStorage under the round's code, so that a reload, a closed tab or a server
// process that died and was replaced (the page reconnects to a new server session) answers
// as the same student: a changed answer still replaces the first, never adds to it.
//
// What Python passes (``data``): ``room``, the round's code; ``proposed``, the id this server
// session answers with. What this sends back, whenever the id stored here for the round
// differs from ``proposed``: the trigger ``id``, the stored id. Python adopts it, and its next
// ``proposed`` is that id, so the exchange ends by itself; a trigger that reached a page run
// already replaced (a fresh server's first request runs the page twice, ui/nav.py) is sent
// again by the next one. The id is random (made by the server), says nothing about the
// person, and is per round: two rounds' answers cannot be linked by it.
//
// Nothing here writes HTML: the component has no markup.

const PREFIX = 'softmax-explorer.round-student.';
const WELL_FORMED = /^[A-Za-z0-9_-]{16,64}$/;

export default function (component) {
  const { data, setTriggerValue } = component;
  if (!data || typeof data.room !== 'string' || typeof data.proposed !== 'string') return;
  let stored = null;
  try {
    stored = window.localStorage.getItem(PREFIX + data.room);
  } catch (error) {
    return; // storage disabled: the id lives for the server session only
  }
  if (stored === null || !WELL_FORMED.test(stored)) {
    try {
      window.localStorage.setItem(PREFIX + data.room, data.proposed);
    } catch (error) {
      // full or disabled: as above
    }
    return;
  }
  if (stored !== data.proposed) setTriggerValue('id', stored);
}
