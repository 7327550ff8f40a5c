/**
 * Shared by the judging verbs of this folder that change the panel (assign-judge, remove-judge); not a
 * verb itself.
 */
import { conflict } from '../../lib/errors';

export const assertNotPublished = (publication: unknown[]) => {
  if (publication.length > 0) throw conflict('results_published', 'judging.resultsPublished');
};
