// What every use case gets: the repositories, the clock, and (when the bot runs workers and can
// reach Teams) the job queue and the person's own chat. What it gives back is a view result: a
// card, or a short toast that leaves the clicked card as it is. No Teams types either way.
import type { AdaptiveCard } from '../cards';
import type { Clock } from '../domain/clock';
import type { Repositories } from '../domain/ports';
import type { JobQueue } from './jobs/queue';
import type { OwnChat } from './ports';

export interface AppDeps {
  repos: Repositories;
  clock: Clock;
  // Absent in a bot without workers (tests of the dialog alone): nothing is queued then.
  jobs?: JobQueue;
  ownChat?: OwnChat;
}

export type Toast = { toast: string };
export type Reply = AdaptiveCard | Toast;
export const isToast = (reply: Reply): reply is Toast => 'toast' in reply;

// Where the person is acting: cards with a child's details never go to a channel.
export interface TurnPlace {
  conversationType: string;
}
