// W, b, ∇W, ∇b and the loss and accuracy curves of the frame the regions picture shows
// (readout.py says why here). It draws nothing of its own: the picture (player.js) keeps
// the frame on screen and the curves' rows in window.__sxTraining and tells this readout
// each time it paints, so the numbers and the last point of the curves are that frame's.

const COLOURS = {train: '#0072B2', test: '#D55E00'};

function niceTicks(low, high, pixels, spacing) {
  const raw = Math.max((high - low) / Math.max(2, pixels / spacing), 1e-12);
  const power = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw);
  const ticks = [];
  for (let v = Math.ceil(low / step - 1e-9) * step; v <= high + step * 1e-9; v += step) {
    ticks.push(Math.abs(v) < step / 1e6 ? 0 : v);
  }
  return {ticks, digits: Math.max(0, -Math.floor(Math.log10(step)))};
}

class Readout {
  constructor(root) {
    this.root = root;
    this.canvas = root.querySelector('canvas');
    this.cells = null;
    this.shape = null;
    this.listen = () => this.draw();
    window.addEventListener('sx-training-frame', this.listen);
    this.resize = new ResizeObserver(() => this.layout());
    this.resize.observe(root);
  }

  update(data) {
    this.data = data;
    this.root.classList.toggle('sx-present', !!data.present);
    this.root.classList.toggle('sx-wide', data.classes > 6);
    const shape = JSON.stringify([data.classes, data.inputs, data.names, data.present]);
    if (shape !== this.shape) {
      this.shape = shape;
      this.matrices();
      this.legend();
    }
    this.layout();
  }

  // Four bracketed grids: W (inputs × classes), b, ∇W, ∇b; their cells filled by draw().
  matrices() {
    const box = this.root.querySelector('.sx-readout-matrices');
    box.replaceChildren();
    this.cells = {};
    const {classes, inputs} = this.data;
    for (const [key, base, sub, rows] of [['W', 'W', '', inputs], ['b', 'b', '', 1],
      ['gW', '\u2207', 'W', inputs], ['gb', '\u2207', 'b', 1]]) {
      const name = document.createElement('div');
      name.className = 'sx-readout-name';
      name.appendChild(document.createTextNode(base));
      if (sub) {
        const small = document.createElement('sub');
        small.textContent = sub;
        name.appendChild(small);
      }
      name.appendChild(document.createTextNode(' ='));
      const matrix = document.createElement('div');
      matrix.className = 'sx-readout-matrix';
      matrix.dataset.name = key;
      matrix.style.gridTemplateColumns = `repeat(${classes}, auto)`;
      const cells = [];
      for (let i = 0; i < rows * classes; i++) {
        const cell = document.createElement('span');
        matrix.appendChild(cell);
        cells.push(cell);
      }
      this.cells[key] = cells;
      box.appendChild(name);
      box.appendChild(matrix);
    }
  }

  legend() {
    const legend = this.root.querySelector('.sx-readout-legend');
    legend.replaceChildren();
    const splits = this.data.hasTest ? ['train', 'test'] : ['train'];
    for (const split of splits) {
      const span = document.createElement('span');
      const swatch = document.createElement('i');
      swatch.style.background = COLOURS[split];
      span.appendChild(swatch);
      span.appendChild(document.createTextNode(this.data.labels[split]));
      legend.appendChild(span);
    }
  }

  layout() {
    if (!this.data) return;
    const width = this.root.clientWidth || 400;
    const height = this.data.height;
    const ratio = window.devicePixelRatio || 1;
    this.canvas.style.height = height + 'px';
    this.canvas.width = Math.round(width * ratio);
    this.canvas.height = Math.round(height * ratio);
    this.size = {width, height, ratio};
    this.draw();
  }

  draw() {
    const shown = window.__sxTraining;
    if (!this.data || !this.size || !shown || !shown.frame) return;
    const params = shown.frame.p;
    if (params && this.cells) {
      for (const key of ['W', 'b', 'gW', 'gb']) {
        const values = params[key].flat();
        this.cells[key].forEach((cell, i) => { cell.textContent = values[i] ?? ''; });
      }
      // The epoch whose numbers these are (a frame sent without them leaves the old ones).
      this.root.dataset.epoch = shown.frame.e;
    }
    this.curves(shown.history || []);
  }

  // Loss above accuracy, against epoch; the rows are [epoch, train loss, test loss,
  // train accuracy, test accuracy] up to the frame on screen.
  curves(rows) {
    const {width, height, ratio} = this.size;
    const ctx = this.canvas.getContext('2d');
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, this.canvas.width, this.canvas.height);
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    const big = this.data.present;
    const font = big ? 20 : 11;
    this.root.dataset.canvasFont = font;  // the smallest text drawn (tests read it)
    const left = big ? 86 : 52, right = 12, gap = big ? 70 : 44, bottom = big ? 66 : 40;
    const panel = (height - gap - bottom - 6) / 2;
    const last = rows.length ? rows[rows.length - 1][0] : 0;
    const x1 = Math.max(last, 1);
    const lossMax = Math.max(1e-9, ...rows.flatMap((r) => [r[1], r[2]]).filter(Number.isFinite));
    const plots = [
      {top: 6, columns: [1, 2], low: 0, high: lossMax * 1.05, title: this.data.labels.loss},
      {top: 6 + panel + gap, columns: [3, 4], low: 0, high: 1, title: this.data.labels.accuracy},
    ];
    const w = width - left - right;
    const text = getComputedStyle(this.root).color || '#31333f';
    for (const plot of plots) {
      const X = (v) => left + (v / x1) * w;
      const Y = (v) => plot.top + panel - ((v - plot.low) / (plot.high - plot.low)) * panel;
      ctx.strokeStyle = 'rgba(49, 51, 63, 0.12)';
      ctx.lineWidth = 1;
      ctx.fillStyle = text;
      ctx.font = font + 'px sans-serif';
      const ys = niceTicks(plot.low, plot.high, panel, big ? 50 : 35);
      ctx.textAlign = 'right';
      ctx.textBaseline = 'middle';
      for (const v of ys.ticks) {
        ctx.beginPath();
        ctx.moveTo(left, Math.round(Y(v)) + 0.5);
        ctx.lineTo(left + w, Math.round(Y(v)) + 0.5);
        ctx.stroke();
        ctx.fillText(v.toFixed(ys.digits), left - 6, Y(v));
      }
      const xs = niceTicks(0, x1, w, big ? 90 : 55);
      ctx.textAlign = 'center';
      ctx.textBaseline = 'top';
      for (const v of xs.ticks.filter((t) => Number.isInteger(t) || xs.digits === 0)) {
        ctx.fillText(v.toFixed(0), X(v), plot.top + panel + 5);
      }
      ctx.save();
      ctx.translate(big ? 16 : 10, plot.top + panel / 2);
      ctx.rotate(-Math.PI / 2);
      ctx.textBaseline = 'top';
      ctx.font = 'bold ' + font + 'px sans-serif';
      ctx.fillText(plot.title, 0, -6);
      ctx.restore();
      ctx.save();
      ctx.beginPath();
      ctx.rect(left, plot.top - 2, w, panel + 4);
      ctx.clip();
      ctx.lineWidth = this.data.lineWidth;
      plot.columns.forEach((column, index) => {
        if (index === 1 && !this.data.hasTest) return;
        ctx.strokeStyle = index === 0 ? COLOURS.train : COLOURS.test;
        ctx.beginPath();
        let started = false;
        for (const row of rows) {
          const v = row[column];
          if (!Number.isFinite(v)) continue;
          if (started) ctx.lineTo(X(row[0]), Y(v)); else ctx.moveTo(X(row[0]), Y(v));
          started = true;
        }
        ctx.stroke();
      });
      ctx.restore();
    }
    ctx.fillStyle = text;
    ctx.font = 'bold ' + font + 'px sans-serif';
    ctx.textAlign = 'center';
    ctx.textBaseline = 'bottom';
    ctx.fillText(this.data.labels.epoch, left + w / 2, height - 2);
  }
}

export default function (component) {
  const root = component.parentElement.querySelector('.sx-readout');
  if (!root.__readout) root.__readout = new Readout(root);
  root.__readout.update(component.data);
  return () => {};
}
