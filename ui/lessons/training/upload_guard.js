// Says when a person chose a file larger than the uploader takes (ui/lessons/training/upload.py).
//
// Streamlit 1.67 checks the size in the browser: a file over ``server.maxUploadSize`` is
// listed with an English note in a tooltip and never uploaded, so the script never hears of
// it. This component listens, beside the uploader, to the files a person chooses or drops
// on it and, for one over the limit, sends the trigger ``refused``: ``{name, size}``
// (Python says so in the page's language). It does nothing else with the file.
//
// What Python passes (``data``, JSON): ``target``, the uploader's Streamlit key (its
// element carries the class ``st-key-<key>``), and ``limit``, the largest size in bytes.
// Nothing here writes HTML.

const WAIT_MS = 4000;
const STEP_MS = 100;

function find(target) {
  const name = 'st-key-' + String(target).trim().replace(/[^a-zA-Z0-9_-]/g, '-');
  return document.getElementsByClassName(name)[0] || null;
}

export default function (component) {
  const { data, setTriggerValue } = component;
  if (!data || typeof data.target !== 'string' || typeof data.limit !== 'number') return;
  const check = (files) => {
    const file = files && files[0];
    if (file && file.size > data.limit) {
      setTriggerValue('refused', { name: String(file.name).slice(0, 200), size: file.size });
    }
  };
  const started = Date.now();
  const attach = () => {
    const element = find(data.target);
    if (!element) {
      if (Date.now() - started < WAIT_MS) window.setTimeout(attach, STEP_MS);
      return;
    }
    // The latest run's callback: the element outlives a run, its listeners are set once.
    element.__sxCheck = check;
    if (element.__sxGuarded) return;
    element.__sxGuarded = true;
    element.addEventListener(
      'change',
      (event) => {
        if (event.target && event.target.type === 'file') element.__sxCheck(event.target.files);
      },
      true,
    );
    element.addEventListener(
      'drop',
      (event) => element.__sxCheck(event.dataTransfer && event.dataTransfer.files),
      true,
    );
  };
  attach();
}
