/**
 * The <space-time> custom element (behaviour of SpaceTime.astro): subscribes to its lab,
 * builds the space-time view-model (pure) each frame and draws it. Click or Enter on an
 * arrow inspects the message. Never touches the simulation.
 */
import { buildSpaceTimeModel } from '../views/space-time-model.ts';
import { createSpaceTimeSvg, drawSpaceTime } from '../views/space-time-view.ts';
import { drawWhenVisible, whenLab, type LabFrame, type LabHost } from './lab-registry.ts';

class SpaceTimeElement extends HTMLElement {
  private svg: SVGSVGElement | null = null;
  private lab: LabHost | null = null;

  async connectedCallback(): Promise<void> {
    if (this.svg) return;
    this.svg = createSpaceTimeSvg(this.querySelector<HTMLElement>('[data-role="canvas"]')!, this.dataset.caption ?? 'space-time diagram');
    this.lab = await whenLab(this.dataset.lab ?? '');
    drawWhenVisible(this, this.lab, (f) => this.draw(f));
  }

  private draw(f: LabFrame): void {
    const model = buildSpaceTimeModel(f.timeline.trace, f.position, f.state, f.now, f.servers, f.clients, (i) => f.digest.endOf(i), {
      windowMs: Number(this.dataset.window ?? '800'),
      hidePings: f.hidePings,
      selectedZxid: f.selectedZxid,
      maxArrows: 200,
    });
    drawSpaceTime(this.svg!, model, { inspected: f.inspected, onArrow: (a) => this.lab?.inspect(a.id) });
  }
}

if (!customElements.get('space-time')) customElements.define('space-time', SpaceTimeElement);
