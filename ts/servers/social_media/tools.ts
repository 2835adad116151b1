/**
 * Social media tools (Mastodon / X style), acting as the user (`world.user.handle`).
 *
 * Rules enforced:
 * - a post or reply has 1-500 characters; mentioned handles must exist;
 * - a post can be liked once and only a liked post unliked; only public posts can be reposted, once;
 * - only the user's own posts can be deleted;
 * - nobody can follow themselves or an account that blocks them; locked accounts get pending requests;
 * - no replies, likes, reposts, follows or direct messages across a block (either direction);
 * - a reply is at most as visible as the post it answers;
 * - direct messages only between accounts where at least one follows the other (accepted).
 */
import { messageTools } from "./tools/messages.ts";
import { postTools } from "./tools/posts.ts";
import { profileTools } from "./tools/profiles.ts";
import { relationTools } from "./tools/relations.ts";

export const tools = { ...profileTools, ...postTools, ...relationTools, ...messageTools };
