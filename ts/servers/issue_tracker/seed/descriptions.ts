/**
 * Issue descriptions as people write them: bug reports with an environment, steps and what
 * happened; stories as a user need with acceptance criteria; tasks with the why and a checklist.
 * Each type has several shapes and each shape draws its details, so no two issues read the same.
 */
import type { Rng } from "../../framework/index.ts";
import type { IssueType } from "../state.ts";

export interface DescriptionContext {
  /** The product, "Nova Mobile". */
  project: string;
  /** Someone on the team, for "ask …" and "reported by …" lines. */
  teammate: string;
}

const ENVIRONMENTS = [
  "Chrome 131 on macOS 15",
  "Firefox 133 on Windows 11",
  "Safari 18 on iOS 18.2",
  "the Android app 5.12 on a Pixel 8",
  "staging (build 2025.12.3)",
  "production, eu-west",
  "Edge 131 on Windows 10",
  "the desktop app on Ubuntu 24.04",
];
const FREQUENCY = [
  "Every time.",
  "About one time in five.",
  "Only after the session has been open for an hour or more.",
  "Intermittent; three reports this week.",
  "Only for tenants created before the migration.",
  "Since the last release.",
];
const FIRST_STEPS = [
  "Sign in as a regular member",
  "Open the settings page",
  "Start from a fresh account",
  "Log in with an admin account",
  "Open the app with the network throttled to 3G",
  "Switch the account timezone to Asia/Tokyo",
];
const NEXT_STEPS = [
  "go to the affected screen",
  "repeat the action twice quickly",
  "reload the page",
  "wait for the background sync",
  "open the same record in a second tab",
  "sort the list by date",
];
const IMPACT = [
  "Blocks two enterprise customers.",
  "Support has a workaround but it costs them ten minutes per ticket.",
  "Low impact, but it erodes trust.",
  "Shows up in the weekly error report.",
  "Came in through three support tickets.",
  "Noticed during the release smoke test.",
];
const ROLES = ["an admin", "a new user", "a team lead", "a support agent", "a returning customer", "a billing contact", "an on-call engineer"];
const BENEFITS = [
  "I don't have to ask support",
  "I can finish the task in one place",
  "I can trust the numbers I see",
  "my team stops working around it",
  "I can get started without training",
  "I save a few minutes every day",
];
const CRITERIA = [
  "Works for accounts with more than 10,000 records",
  "Empty and error states are designed",
  "Covered by an end-to-end test",
  "Available behind a feature flag first",
  "Tracked in product analytics",
  "Accessible with the keyboard alone",
  "Documented in the help center",
  "No change for users who never use it",
];
const WHY = [
  "The current setup costs us on-call time.",
  "This came out of the last incident review.",
  "We keep tripping over this in code review.",
  "Needed before the next compliance audit.",
  "It slows every deploy by a few minutes.",
  "Security asked for it in the quarterly review.",
];
const CHECKLIST = [
  "Write a short design note",
  "Make the change behind a flag",
  "Update the runbook",
  "Announce it in the team channel",
  "Remove the old path once traffic is zero",
  "Add a dashboard panel",
  "Pair with someone from the platform team",
];

const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
const bullets = (items: readonly string[]) => items.map((x) => `- ${x}`).join("\n");

function bug(rng: Rng, summary: string, c: DescriptionContext): string {
  const env = rng.pick(ENVIRONMENTS);
  switch (rng.int(0, 3)) {
    case 0:
      return `Environment: ${env}\n\nSteps to reproduce:\n1. ${rng.pick(FIRST_STEPS)}\n2. ${rng.pick(NEXT_STEPS)}\n\nExpected: no problem.\nActual: ${lower(summary)}.\n\n${rng.pick(FREQUENCY)}`;
    case 1:
      return `Reported by ${c.teammate}: ${lower(summary)}. Seen on ${env}. ${rng.pick(IMPACT)}`;
    case 2:
      return `${summary}.\n\nHow often: ${lower(rng.pick(FREQUENCY))}\nWhere: ${env}\nImpact: ${lower(rng.pick(IMPACT))}\n\nLogs are attached to the support ticket.`;
    default:
      return `Since ${rng.pick(["Tuesday's deploy", "the last release", "the dependency upgrade", "we moved regions"])}, ${lower(summary)} in ${c.project}. ${rng.pick(IMPACT)} First seen on ${env}.`;
  }
}

function story(rng: Rng, summary: string, c: DescriptionContext): string {
  const criteria = rng.sample(CRITERIA, rng.int(2, 4));
  switch (rng.int(0, 2)) {
    case 0:
      return `As ${rng.pick(ROLES)}, I want this: ${lower(summary)}, so that ${rng.pick(BENEFITS)}.\n\nAcceptance criteria:\n${bullets(criteria)}`;
    case 1:
      return `Goal: ${lower(summary)}.\n\nWhy now: ${rng.pick(["customers ask for it in most renewal calls", "it is the top request on the feedback board", "the sales team needs it for a large deal", "it unblocks the next epic"])}.\n\nDone when:\n${bullets(criteria)}`;
    default:
      return `${summary} in ${c.project}. Design is in the linked Figma file; ${c.teammate} has the context.\n\n${bullets(criteria)}`;
  }
}

function task(rng: Rng, summary: string, c: DescriptionContext): string {
  const steps = rng.sample(CHECKLIST, rng.int(2, 3));
  switch (rng.int(0, 2)) {
    case 0:
      return `${rng.pick(WHY)}\n\nTo ${lower(summary)}:\n${bullets(steps)}`;
    case 1:
      return `${summary}. ${rng.pick(WHY)} Ask ${c.teammate} before touching the production config.`;
    default:
      return `Context: ${lower(rng.pick(WHY))}\nPlan to ${lower(summary)}: ${lower(steps.join(", then "))}.\nOut of scope: anything that changes the public API.`;
  }
}

export function describeIssue(rng: Rng, type: IssueType, summary: string, c: DescriptionContext): string {
  if (type === "epic")
    return `Umbrella for the work on ${lower(summary)} in ${c.project}. ${rng.pick(["Target: end of the quarter.", "Owner reviews progress in the monthly planning.", "Scope is in the linked one-pager."])}`;
  if (type === "bug") return bug(rng, summary, c);
  if (type === "story") return story(rng, summary, c);
  return task(rng, summary, c);
}
