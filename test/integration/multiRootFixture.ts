// The multi-root workspace's fixture, shared by its launcher (Node) and its suite (the extension host).

/** Each folder's precision; the suite reads them from the folders' own settings files. */
export const FOLDER_PRECISION = { 'course-a': 3, 'course-b': 9 } as const;

/** The note both folders hold: the same statements, shown with each folder's precision. */
export const NOTE = '# Precision per folder\n\n```dl-calc\nthird = 1/3\nroot = sqrt(2)\n```\n';
