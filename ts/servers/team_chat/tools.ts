/**
 * Team chat tools (Slack Web API style), acting as the user's member account.
 *
 * Rules enforced:
 * - posting, replying, reacting, pinning and inviting need membership of the channel;
 * - private channels are invisible to non-members and joined only by invitation;
 * - archived channels are read-only (unarchive first); #general is never left or archived;
 * - channel names: lowercase letters, digits, - and _, at most 80 characters, unique;
 * - only the user's own messages can be edited or deleted;
 * - the same emoji reaction is added once per person, and only an existing one removed;
 * - thread replies go under top-level messages only (threads are one level deep);
 * - a message has 1-4000 characters and mentions only existing members.
 */
import { channelTools } from "./tools/channels.ts";
import { memberTools } from "./tools/members.ts";
import { messageTools } from "./tools/messages.ts";
import { searchTools } from "./tools/search.ts";

export const tools = { ...memberTools, ...channelTools, ...messageTools, ...searchTools };
