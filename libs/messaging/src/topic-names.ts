import { DEAD_LETTER_TOPIC, EventDefinition, issuerTopic } from '@aeo/contracts';

/** Turns the contracts' topic names into the names on the broker for one registry. */
export class TopicNames {
  constructor(
    readonly namespace: string,
    /** Set by tests so that runs on one broker do not read each other's federation records. */
    readonly federationPrefix?: string,
  ) {}

  /** Administration topics get the registry's namespace; federation topics are shared. */
  of(definition: EventDefinition, issuer?: string): string {
    if (definition.scope === 'federation') {
      if (!issuer) throw new Error(`${definition.topic} needs an issuer`);
      const topic = issuerTopic(definition, issuer);
      return this.federationPrefix ? `${this.federationPrefix}.${topic}` : topic;
    }
    return `${this.namespace}.${definition.topic}`;
  }

  get deadLetter(): string {
    return `${this.namespace}.${DEAD_LETTER_TOPIC}`;
  }
}
