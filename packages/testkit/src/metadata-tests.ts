import { describe, expect, it } from "vitest";
import type { ConformanceContext } from "./conformance-context.js";

/** `asyncDescribeSecret`: what the manager keeps besides the value. */
export function describeMetadataTests(ctx: ConformanceContext): void {
  const timeout = ctx.options.testTimeoutMs;

  describe("metadata", () => {
    it(
      "round-trips the description and tags given to asyncWriteSecret",
      async (t) => {
        t.skip(!ctx.capabilities.describe, ctx.missing("describe"));
        t.skip(!ctx.capabilities.write, ctx.missing("write"));
        const name = ctx.secretName("describe-round-trip");
        const description = "written by the conformance suite";
        const tags = { team: "platform", "cost-center": "42" };
        const value = ctx.secretValue();
        await ctx.manager.asyncWriteSecret(name, value, { description, tags });
        await ctx.readSettled(name, value);
        const metadata = await ctx.manager.asyncDescribeSecret(name);
        expect(metadata, "asyncDescribeSecret of an existing secret").toBeDefined();
        expect(
          metadata?.name,
          "SecretMetadata.name is the name described (pass reportedName when the adapter reports a mapped one)",
        ).toBe(ctx.options.reportedName(name));
        expect(metadata?.description, "the description given to asyncWriteSecret").toBe(description);
        // A backend may add tags of its own (Azure keeps the original name in one), so ours must be among them.
        expect(metadata?.tags, "the tags given to asyncWriteSecret").toMatchObject(tags);
        for (const date of [metadata?.createdAt, metadata?.updatedAt]) {
          if (date !== undefined)
            expect(date, "createdAt and updatedAt, when set, are Dates").toBeInstanceOf(Date);
        }
      },
      timeout,
    );

    it(
      "resolves undefined when describing a missing secret",
      async (t) => {
        t.skip(!ctx.capabilities.describe, ctx.missing("describe"));
        const name = ctx.secretName("describe-missing");
        expect(
          await ctx.manager.asyncDescribeSecret(name),
          "asyncDescribeSecret of a missing secret resolves undefined",
        ).toBeUndefined();
      },
      timeout,
    );
  });
}
