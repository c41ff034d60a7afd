import type { FormatName } from '../../../server/src/cli/formatters/index';
import type { Formatter } from '../../../server/src/cli/formatters/formatterTypes';
import { github } from '../../../server/src/cli/formatters/github';
import { json } from '../../../server/src/cli/formatters/json';
import { junit } from '../../../server/src/cli/formatters/junit';
import { sarif } from '../../../server/src/cli/formatters/sarif';
import { stylish } from '../../../server/src/cli/formatters/stylish';

/** Every formatter, loaded at once (the CLI loads each only when its --format is asked for). */
export const formatters: Readonly<Record<FormatName, Formatter>> = { stylish, json, sarif, junit, github };
