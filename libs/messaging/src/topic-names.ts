import { Channel, channelTopic, DEAD_LETTER_TOPIC, EventDefinition } from '@aeo/contracts';

/** Turns the contracts' topic names into the names on the broker for one registry. */
export class TopicNames {
  constructor(
    readonly namespace: string,
    /** Set by tests so that runs on one broker do not read each other's federation records. */
    readonly federationPrefix?: string,
  ) {}

  /** Administration topics get the registry's namespace; federation topics are channels between two administrations. */
  of(definition: EventDefinition, channel?: Channel): string {
    if (definition.scope === 'federation') {
      if (!channel) throw new Error(`${definition.topic} needs a channel (from, to)`);
      const topic = channelTopic(definition, channel);
      return this.federationPrefix ? `${this.federationPrefix}.${topic}` : topic;
    }
    return `${this.namespace}.${definition.topic}`;
  }

  get deadLetter(): string {
    return `${this.namespace}.${DEAD_LETTER_TOPIC}`;
  }
}
