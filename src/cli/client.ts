// The evaluation client of the CLI's commands: the editor's worker host, with the time
// limit of --time-limit (a stop names the option, not the editor's setting).
import * as l10n from '@vscode/l10n';
import { EvaluationClient } from '../node/evaluationClient';

export function newClient(timeLimitMs: number): EvaluationClient {
  return new EvaluationClient({ timeLimitMs: () => timeLimitMs, limitName: l10n.t('option --time-limit') });
}
