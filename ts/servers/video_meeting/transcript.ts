/**
 * Transcripts of cloud recordings: believable lines by the people who attended, chosen by the
 * meeting's topic. Deterministic from (topic, speakers, length, salt), so a recording made by
 * end_meeting during a session is as reproducible as a seeded one.
 */
import type { TranscriptLine } from "./state.ts";

const OPENERS = [
  "Hi everyone, thanks for joining. Let's get started.",
  "Okay, I think we have everyone. Let's dive in.",
  "Thanks for making the time, I'll keep this focused.",
];

const CLOSERS = [
  "Great, I'll send out notes and action items after this. Thanks all!",
  "Let's wrap there. Same time next week.",
  "Thanks everyone, talk soon.",
];

const BODY: Record<string, readonly string[]> = {
  planning: [
    "The main goal for this quarter is getting the new onboarding flow shipped.",
    "I think we're overcommitted; we should cut one of the three initiatives.",
    "Can we get an estimate on the migration work before we lock the plan?",
    "Marketing needs a launch date by the end of the month.",
    "Let's agree on owners for each milestone before we leave.",
    "Budget is approved for two more contractors.",
    "I'll draft the roadmap doc and share it by Friday.",
    "Dependencies on the platform team are the biggest risk.",
  ],
  sync: [
    "Quick update from me: the API work is done and in review.",
    "I'm blocked on the staging environment; it's been flaky since Tuesday.",
    "We closed eleven tickets last week, which is above our average.",
    "The release is still on track for Thursday.",
    "I can pair with you on that this afternoon.",
    "Customer support flagged two bugs in the export feature.",
    "Let's move the deep dive to a separate meeting.",
    "No blockers on my side.",
  ],
  review: [
    "Let me share my screen and walk through the new designs.",
    "The navigation feels much clearer in this version.",
    "I'm worried the empty state doesn't explain what to do next.",
    "Can we test this with five users before we build it?",
    "The contrast on the secondary buttons is too low for accessibility.",
    "I like the direction; let's iterate on the details asynchronously.",
    "Engineering thinks the animation is expensive on older phones.",
    "Let's go with option B and revisit after the beta.",
  ],
  customer: [
    "Thanks for having us; we're excited about the partnership.",
    "Your team mentioned reporting was the biggest pain point.",
    "We can have the integration ready in about six weeks.",
    "Pricing depends on the number of seats; I'll send a proposal.",
    "Security review is a requirement on our side before we sign.",
    "Could we schedule a technical deep dive with your engineers?",
    "That timeline works for us.",
    "I'll follow up by email with the next steps.",
  ],
  one_on_one: [
    "How are you feeling about the workload lately?",
    "I'd like to take on more ownership of the data pipeline.",
    "Your presentation last week landed really well.",
    "Let's talk about your goals for the next review cycle.",
    "I'm planning to take some time off next month.",
    "Is there anything I can unblock for you?",
    "I think a mentor outside the team would help.",
    "Let's check in on this again in two weeks.",
  ],
  hiring: [
    "Strong technical skills, the system design round was excellent.",
    "I had some concerns about communication in the pairing session.",
    "Culture add for sure; very thoughtful questions.",
    "I'd vote hire, with a slight preference for the senior level.",
    "Let's make sure references are done before the offer.",
    "The take-home was solid but a bit over-engineered.",
    "I'm a lean no for this role, but she'd be great on platform.",
    "Recruiting will reach out with the decision by Friday.",
  ],
  retro: [
    "What went well: we shipped on time and the on-call was quiet.",
    "What didn't: too many last-minute scope changes.",
    "We should write the migration plan earlier next time.",
    "Smaller pull requests made review so much faster.",
    "Communication with the design team could be better.",
    "Let's try a mid-sprint check-in.",
    "I'll own the action item on the flaky tests.",
    "Overall a good sprint, thanks everyone.",
  ],
};

export function categoryOf(topic: string): keyof typeof BODY {
  const t = topic.toLowerCase();
  if (/interview|hiring|debrief|candidate/.test(t)) return "hiring";
  if (/retro/.test(t)) return "retro";
  if (/1:1|one-on-one/.test(t)) return "one_on_one";
  if (/plan|roadmap|okr|strategy|budget|kickoff/.test(t)) return "planning";
  if (/review|design|critique|demo/.test(t)) return "review";
  if (/customer|client|partner|sales|call with|proposal/.test(t)) return "customer";
  return "sync";
}

function offset(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const hh = Math.floor(s / 3600);
  const mm = Math.floor((s % 3600) / 60);
  return `${String(hh).padStart(2, "0")}:${String(mm).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}`;
}

/** Lines spoken over `minutes` minutes: the first speaker (the host) opens and closes. */
export function buildTranscript(topic: string, speakers: readonly string[], minutes: number, salt: number): TranscriptLine[] {
  if (speakers.length === 0) return [];
  const body = BODY[categoryOf(topic)] as readonly string[];
  const host = speakers[0] as string;
  const n = Math.min(body.length, Math.max(4, speakers.length * 2));
  const texts: Array<[string, string]> = [[host, OPENERS[salt % OPENERS.length] as string]];
  for (let i = 0; i < n; i++) {
    const speaker = speakers.length === 1 ? host : (speakers[1 + ((i + salt) % (speakers.length - 1))] as string);
    texts.push([i % 3 === 2 ? host : speaker, body[(i + salt) % body.length] as string]);
  }
  texts.push([host, CLOSERS[salt % CLOSERS.length] as string]);
  const span = Math.max(60, minutes * 60 - 30);
  return texts.map(([speaker, text], i) => ({ offset: offset(5 + (i * span) / texts.length), speaker, text }));
}
