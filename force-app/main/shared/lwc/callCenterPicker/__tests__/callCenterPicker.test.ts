import { createElement } from 'lwc';
import CallCenterPicker from 'c/callCenterPicker';

const CALL_CENTERS = [
  { callCenterId: '04v000000000001AAA', name: 'Support EMEA' },
  { callCenterId: '04v000000000002AAA', name: 'Sales US' },
];

interface ComboboxStub extends HTMLElement {
  label: string;
  value: string | null;
  placeholder: string;
  options: Array<{ label: string; value: string }>;
}

const mount = async (props: Record<string, unknown>): Promise<HTMLElement> => {
  const element = createElement('c-call-center-picker', { is: CallCenterPicker });
  Object.assign(element, props);
  document.body.appendChild(element);
  await Promise.resolve();
  return element;
};

const combobox = (element: HTMLElement): ComboboxStub =>
  element.shadowRoot!.querySelector<ComboboxStub>('[data-id="call-center-picker"]')!;

describe('c-call-center-picker', () => {
  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
  });

  it('offers each call center by name with the selected one as value', async () => {
    const element = await mount({ callCenters: CALL_CENTERS, value: CALL_CENTERS[1].callCenterId });

    const box = combobox(element);
    expect(box.label).toBe('Call center');
    expect(box.value).toBe('04v000000000002AAA');
    expect(box.options).toEqual([
      { label: 'Support EMEA', value: '04v000000000001AAA' },
      { label: 'Sales US', value: '04v000000000002AAA' },
    ]);
    await expect(element).toBeAccessible();
  });

  it('fires change with the picked call center id', async () => {
    const element = await mount({ callCenters: CALL_CENTERS, value: CALL_CENTERS[0].callCenterId });
    const handler = jest.fn();
    element.addEventListener('change', handler);

    combobox(element).dispatchEvent(new CustomEvent('change', { detail: { value: '04v000000000002AAA' } }));

    expect(handler).toHaveBeenCalledTimes(1);
    expect((handler.mock.calls[0][0] as CustomEvent).detail).toEqual({ value: '04v000000000002AAA' });
  });

  it('has no options without call centers', async () => {
    const element = await mount({ callCenters: null });

    expect(combobox(element).options).toEqual([]);
    expect(combobox(element).placeholder).toBe('Choose a call center');
  });
});
