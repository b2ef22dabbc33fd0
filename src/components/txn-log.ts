/**
 * The <txn-log> custom element (behaviour of TxnLog.astro): subscribes to its lab, builds
 * the txn-log view-model (pure) and draws it as HTML with a D3 join (one row per server,
 * one button per entry). Choosing an entry selects its zxid in every view of the lab.
 */
import { buildTxnLogModel, columnsThatFit, txnLogGrid } from '../views/txn-log-model.ts';
import { drawTxnLog } from '../views/txn-log-view.ts';
import { drawWhenVisible, whenLab, type LabFrame, type LabHost } from './lab-registry.ts';

class TxnLogElement extends HTMLElement {
  private lab: LabHost | null = null;
  private lastKey = '';

  async connectedCallback(): Promise<void> {
    if (this.lab) return;
    this.lab = await whenLab(this.dataset.lab ?? '');
    drawWhenVisible(this, this.lab, (f) => this.draw(f));
  }

  private draw(f: LabFrame): void {
    const host = this.querySelector<HTMLElement>('[data-role="rows"]')!;
    // As many of the newest zxids as fit the width: the grid never scrolls sideways.
    const fit = columnsThatFit(host.clientWidth || 600, parseFloat(getComputedStyle(document.documentElement).fontSize) || 16);
    const key = `${f.generation}:${f.position}:${f.selectedZxid}:${fit}`;
    if (key === this.lastKey) return;
    this.lastKey = key;
    const rows = buildTxnLogModel(f.state, f.servers, f.digest.labels, f.selectedZxid);
    drawTxnLog(host, rows, txnLogGrid(rows, fit), (z) => this.lab?.selectZxid(z));
  }
}

if (!customElements.get('txn-log')) customElements.define('txn-log', TxnLogElement);
