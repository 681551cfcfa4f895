// The ten templates while training plays: frames the server computes in batches (each
// frame every class's weights as bytes 0…255 on one shared scale), painted one per display
// frame at the rate the server asks (ui/lessons/images/sections.py, ui/player.py).
// Names are drawn with fillText and set with textContent: nothing reaches the page as HTML.

function decode(batch) {
  const bytes = Uint8Array.from(atob(batch.levels), (ch) => ch.charCodeAt(0));
  const size = bytes.length / batch.steps.length;
  return batch.steps.map((step, i) => ({
    step, epoch: batch.epochs[i], levels: bytes.subarray(i * size, (i + 1) * size),
  }));
}

function rgbTable(hexes) {
  return hexes.map((h) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16)));
}

class Templates {
  constructor(root) {
    this.root = root;
    this.canvas = root.querySelector('canvas');
    this.queue = [];
    this.frame = null;
    this.run = null;
    this.seq = null;
    this.last = 0;
    this.painted = 0;
    this.raf = null;
    this.tile = document.createElement('canvas');
    this.resize = new ResizeObserver(() => this.layout());
    this.resize.observe(root);
  }

  update(raw) {
    const data = {...raw.style, ...raw.batch};
    this.data = data;
    if (data.run !== this.run) {
      this.run = data.run;
      this.queue = [];
      this.frame = null;
    }
    if (data.seq !== this.seq) {
      this.seq = data.seq;
      this.queue.push(...decode(raw.batch));
      const most = 2 * data.chunk;  // never more than two batches behind the server
      if (this.queue.length > most) this.queue.splice(0, this.queue.length - most);
    }
    this.root.classList.toggle('sx-present', !!data.present);
    this.root.querySelector('.sx-templates-head').style.display = data.head ? '' : 'none';
    this.root.querySelector('.sx-templates-label').textContent = data.labels.step;
    const key = JSON.stringify(
      [data.names, data.lut, data.columns, data.present, data.side, data.tallest]);
    if (key !== this.styleKey) {  // resizing the canvas clears it: only when the style changes
      this.styleKey = key;
      this.rgb = rgbTable(data.lut);
      this.layout();
    }
    if (!this.frame && this.queue.length) this.show(this.queue.shift());
    if (this.raf === null) this.raf = requestAnimationFrame((now) => this.tick(now));
  }

  stop() {
    if (this.raf !== null) cancelAnimationFrame(this.raf);
    this.raf = null;
  }

  tick(now) {
    this.raf = requestAnimationFrame((later) => this.tick(later));
    const fill = this.queue.length / this.data.chunk;
    const rate = Math.min(1.5, Math.max(0.75, fill));
    if (this.queue.length && now - this.last >= 1000 / (this.data.fps * rate) - 4) {
      this.last = now;
      this.show(this.queue.shift());
    }
  }

  layout() {
    if (!this.data) return;
    const d = this.data;
    const width = this.root.clientWidth || 600;
    const rows = Math.ceil(d.names.length / d.columns);
    const gap = d.present ? 14 : 8, label = d.present ? 30 : 18;
    let cell = Math.floor((width - gap * (d.columns - 1)) / d.columns);
    if (d.tallest) {  // the hall: no taller than the window leaves the view
      cell = Math.min(cell, Math.floor((d.tallest - (rows - 1) * gap) / rows - label));
    }
    // Tiles made smaller by the height spread across the width: their names need it.
    const pitch = Math.max(cell + gap, Math.floor((width - cell) / Math.max(1, d.columns - 1)));
    const height = rows * (cell + label) + (rows - 1) * gap;
    const ratio = window.devicePixelRatio || 1;
    this.canvas.style.height = height + 'px';
    this.canvas.width = Math.round(width * ratio);
    this.canvas.height = Math.round(height * ratio);
    this.geometry = {cell, gap, label, ratio, pitch, width};
    if (this.frame) this.paint(this.frame);
  }

  show(frame) {
    this.frame = frame;
    this.paint(frame);
  }

  paint(frame) {
    const d = this.data, g = this.geometry;
    const side = d.side, area = side * side;
    const ctx = this.canvas.getContext('2d');
    ctx.setTransform(g.ratio, 0, 0, g.ratio, 0, 0);
    ctx.clearRect(0, 0, this.canvas.width, this.canvas.height);
    ctx.imageSmoothingEnabled = false;
    ctx.fillStyle = getComputedStyle(this.root).color || '#31333f';
    ctx.font = (d.present ? 22 : 13) + 'px sans-serif';
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    this.tile.width = side;
    this.tile.height = side;
    const tctx = this.tile.getContext('2d');
    const pixels = tctx.createImageData(side, side);
    d.names.forEach((name, k) => {
      const x = (k % d.columns) * g.pitch;
      const y = Math.floor(k / d.columns) * (g.cell + g.label + g.gap);
      const out = pixels.data, levels = frame.levels, rgb = this.rgb;
      for (let i = 0; i < area; i++) {
        const colour = rgb[levels[k * area + i]];
        out[4 * i] = colour[0];
        out[4 * i + 1] = colour[1];
        out[4 * i + 2] = colour[2];
        out[4 * i + 3] = 255;
      }
      tctx.putImageData(pixels, 0, 0);
      const half = ctx.measureText(name).width / 2;  // a name wider than its tile stays whole
      ctx.fillText(name, Math.min(Math.max(x + g.cell / 2, half), g.width - half), y + 1);
      ctx.drawImage(this.tile, x, y + g.label, g.cell, g.cell);
      ctx.strokeStyle = '#bbb';
      ctx.strokeRect(x + 0.5, y + g.label + 0.5, g.cell - 1, g.cell - 1);
    });
    this.painted += 1;
    this.root.dataset.step = frame.step;
    this.root.dataset.painted = this.painted;
    this.root.querySelector('.sx-templates-step').textContent =
      `${frame.step} · ${d.labels.epoch} ${frame.epoch.toFixed(2)}`;
  }
}

export default function (component) {
  const root = component.parentElement.querySelector('.sx-templates');
  if (!root.__templates) root.__templates = new Templates(root);
  root.__templates.update(component.data);
  return () => {
    root.__templates.stop();
  };
}
