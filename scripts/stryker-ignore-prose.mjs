/**
 * A Stryker ignorer: the prose a model reads about a tool is not mutated. That is a tool's or a
 * field's description: `description: "…"`, `.describe("…")`, the description argument of the
 * framework's parameter builders (`ref("account", "…")`, `money("…")`, read from params.ts), and
 * of a domain's one-line wrappers around them (`const storeId = (d) => ref("store", d)`).
 * Emptying a description changes no rule, and each such mutant is "static" (made at module load),
 * so Stryker would run every test of the target for it; the docs test checks descriptions whole.
 * Error messages stay mutated: they are what a model reads after a mistake, and tests assert them.
 */
import { readFileSync } from "node:fs";
import { declareValuePlugin, PluginKind } from "@stryker-mutator/api/plugin";

const REASON = "Prose for the model (a description), not a rule";

/** The framework's parameter builders: name → the position of their `description` argument. */
const BUILDERS = new Map();
for (const [, name, params] of readFileSync(new URL("../ts/servers/framework/params.ts", import.meta.url), "utf8").matchAll(
  /^export function (\w+)\(([^)]*)\)/gm,
)) {
  const at = params.split(",").findIndex((p) => p.trim().startsWith("description:"));
  if (at >= 0) BUILDERS.set(name, at);
}

const isProse = (node) =>
  node.type === "StringLiteral" || node.type === "TemplateLiteral" || (node.type === "BinaryExpression" && isProse(node.left) && isProse(node.right));

/** The argument of `call` that is a description, if it has one: `.describe(x)` or a builder's. */
function describedArgument(call) {
  const { callee } = call;
  if (callee.type === "MemberExpression" && callee.property.type === "Identifier" && callee.property.name === "describe") return call.arguments[0];
  if (callee.type === "Identifier" && BUILDERS.has(callee.name)) return call.arguments[BUILDERS.get(callee.name)];
  return undefined;
}

/** Whether the function bound to `name` where `path` stands passes its parameter `at` on as a description. */
function wrapsDescription(path, name, at) {
  const fn = path.scope.getBinding(name)?.path;
  const init = fn?.isVariableDeclarator() ? fn.get("init") : fn;
  if (!init?.isArrowFunctionExpression() && !init?.isFunctionDeclaration()) return false;
  const param = init.node.params[at];
  if (param?.type !== "Identifier") return false;
  let passes = false;
  init.traverse({
    CallExpression(call) {
      const arg = describedArgument(call.node);
      if (arg?.type === "Identifier" && arg.name === param.name) passes = true;
    },
  });
  return passes;
}

export const strykerPlugins = [
  declareValuePlugin(PluginKind.Ignore, "prose", {
    shouldIgnore(path) {
      const { node, parent } = path;
      if (!parent || !isProse(node)) return undefined;
      if (parent.type === "ObjectProperty" && parent.value === node) {
        const { key } = parent;
        return (key.type === "Identifier" && key.name === "description") || (key.type === "StringLiteral" && key.value === "description") ? REASON : undefined;
      }
      if (parent.type !== "CallExpression") return undefined;
      if (describedArgument(parent) === node) return REASON;
      const at = parent.arguments.indexOf(node);
      return parent.callee.type === "Identifier" && wrapsDescription(path, parent.callee.name, at) ? REASON : undefined;
    },
  }),
];
