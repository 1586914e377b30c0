import { createElement } from 'lwc';
import SectionPlaceholder from 'c/sectionPlaceholder';

describe('c-section-placeholder', () => {
  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
  });

  it('names the section, says it is not built yet and what it will do', async () => {
    const element = createElement('c-section-placeholder', { is: SectionPlaceholder });
    Object.assign(element, { heading: 'Providers', description: 'connect telephony providers.' });
    document.body.appendChild(element);
    await Promise.resolve();

    const root = element.shadowRoot!;
    expect(root.querySelector('h2')?.textContent).toBe('Providers');
    expect((root.querySelector('lightning-badge') as unknown as { label: string }).label).toBe('Not built yet');
    expect(root.textContent).toContain(
      'This section is not built yet. When it is, it will let you: connect telephony providers.',
    );
    const section = root.querySelector('section')!;
    expect(section.getAttribute('aria-labelledby')).toBe(root.querySelector('h2')!.id);
    await expect(element).toBeAccessible();
  });
});
