import pkg from '../package.json' with { type: 'json' }

/** The agent's version, recorded in every manifest it writes. */
export const AGENT_VERSION: string = pkg.version
