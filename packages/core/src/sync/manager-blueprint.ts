/**
 * How to build a manager again in another thread: the module and export of its class, and the arguments of its
 * constructor. The arguments cross a thread boundary, so they must be structured-cloneable (plain options — not
 * an SDK client instance).
 */
export interface ManagerBlueprint {
  /** The URL of the module exporting the class: in an adapter, its own `import.meta.url`. */
  moduleUrl: string;
  exportName: string;
  args?: readonly unknown[] | undefined;
  /**
   * `file`: a manager file next to a config, loaded the way the dotted-path loader loads it (TypeScript allowed).
   * `module`: a built ES module or package, imported natively.
   * @default "module"
   */
  kind?: "file" | "module" | undefined;
}
