import { defineDomain } from "../framework/index.ts";
import { seedSocialMedia } from "./seed.ts";
import { needProfile, tables } from "./state.ts";
import { tools } from "./tools.ts";

export default defineDomain({
  name: "social_media",
  title: "Social media",
  description:
    "A Mastodon/X-style social network seen from the user's own (locked) account: profiles of people and brands, three weeks of posts with hashtags, mentions, threads, reposts and likes, followers and follow requests, blocks, mutes and direct messages.",
  tables,
  seed: seedSocialMedia,
  tools,
  // Handles with or without "@", in any case.
  resolve: { profile: needProfile },
});
