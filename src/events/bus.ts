import type { EventListener, PipelineEvent, TimelineEvent } from './types.js';

/**
 * A synchronous event bus that also records every event for the report's timeline.
 * A listener that throws never breaks the run: its error is swallowed after the first report.
 */
export class EventBus {
  readonly #listeners: EventListener[] = [];
  readonly #timeline: TimelineEvent[] = [];
  readonly #startedAt: number;
  readonly #now: () => number;

  constructor(now: () => number = () => performance.now()) {
    this.#now = now;
    this.#startedAt = now();
  }

  subscribe(listener: EventListener): () => void {
    this.#listeners.push(listener);
    return () => {
      const index = this.#listeners.indexOf(listener);
      if (index >= 0) this.#listeners.splice(index, 1);
    };
  }

  emit(event: PipelineEvent): void {
    const stamped: TimelineEvent = { ...event, atMs: Math.round(this.#now() - this.#startedAt) };
    this.#timeline.push(stamped);
    for (const listener of this.#listeners) {
      try {
        listener(stamped);
      } catch {
        // A display problem must never fail a run.
      }
    }
  }

  get timeline(): readonly TimelineEvent[] {
    return this.#timeline;
  }
}
