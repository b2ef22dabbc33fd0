/**
 * The ensemble-size figure's behaviour (EnsembleSize.astro): when the reader picks voters or
 * observers, show the panel of that shape, which the build measured and rendered, and say
 * its figures in the live region. Reads and writes nothing else; imports nothing.
 */
export function bindEnsembleSize(figure: HTMLElement): void {
  const picked = (group: string): string | undefined =>
    figure.querySelector<HTMLInputElement>(`input[name="${figure.id}-${group}"]:checked`)?.value;
  const news = figure.querySelector<HTMLElement>('[data-role="news"]');
  const summaries = figure.querySelector<HTMLTemplateElement>('template[data-role="summaries"]');
  figure.addEventListener('change', () => {
    const key = `${picked('voters')}-${picked('observers')}`;
    for (const panel of figure.querySelectorAll<HTMLElement>('.ens-size-panel')) {
      if (panel.dataset['shape'] === key) panel.dataset['active'] = 'true';
      else delete panel.dataset['active'];
    }
    const summary = summaries?.content.querySelector(`[data-shape="${key}"]`)?.textContent;
    if (news && summary) news.textContent = summary;
  });
}
