// Type of the matcher registered by scripts/test/jest-setup.js (@sa11y/jest).
declare namespace jest {
  interface Matchers<R> {
    toBeAccessible(config?: unknown): Promise<R>;
  }
}
