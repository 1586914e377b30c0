/**
 * Turns what an Apex call, Lightning Data Service or plain JavaScript throws into readable messages.
 * Template-less module shared by the setup app's containers.
 */

interface MessageHolder {
  message?: unknown;
}

interface ApexErrorBody extends MessageHolder {
  pageErrors?: MessageHolder[];
  fieldErrors?: Record<string, MessageHolder[]>;
  output?: { errors?: MessageHolder[]; fieldErrors?: Record<string, MessageHolder[]> };
}

interface FetchError extends MessageHolder {
  body?: ApexErrorBody | ApexErrorBody[] | null;
  statusText?: string;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

const messagesOf = (holders: MessageHolder[] | undefined): string[] =>
  (holders ?? []).map((holder) => holder.message).filter((message): message is string => typeof message === 'string');

function messagesOfBody(body: ApexErrorBody): string[] {
  const messages = [
    ...messagesOf(body.pageErrors),
    ...Object.values(body.fieldErrors ?? {}).flatMap(messagesOf),
    ...messagesOf(body.output?.errors),
    ...Object.values(body.output?.fieldErrors ?? {}).flatMap(messagesOf),
  ];
  if (typeof body.message === 'string') messages.push(body.message);
  return messages;
}

function messagesOfOne(error: unknown): string[] {
  if (typeof error === 'string') return [error];
  if (!isObject(error)) return [];
  const fetchError = error as FetchError;
  if (Array.isArray(fetchError.body)) return fetchError.body.flatMap(messagesOfBody);
  if (isObject(fetchError.body)) {
    const fromBody = messagesOfBody(fetchError.body);
    if (fromBody.length) return fromBody;
  }
  if (typeof fetchError.message === 'string') return [fetchError.message];
  if (typeof fetchError.statusText === 'string') return [fetchError.statusText];
  return [];
}

/**
 * Readable, de-duplicated messages for one error or a list of errors.
 * Never empty for a non-empty input: an error without any message reads "Unknown error".
 */
export function reduceErrors(errors: unknown): string[] {
  const list = Array.isArray(errors) ? errors : [errors];
  const messages = [
    ...new Set(
      list
        .flatMap(messagesOfOne)
        .map((message) => message.trim())
        .filter(Boolean),
    ),
  ];
  if (messages.length === 0 && list.some((error) => error !== undefined && error !== null)) return ['Unknown error'];
  return messages;
}
