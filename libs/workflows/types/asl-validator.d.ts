// asl-validator 4 ships no type declarations; this is the part of its API the workspace uses. The
// one copy: libs/workflows (its specs), tools/asl-export and infra (its specs) include it in their
// tsconfig.json.
declare module 'asl-validator' {
  interface AslValidationResult {
    readonly isValid: boolean;
    readonly errors: readonly { readonly 'Error code': string; readonly Message: string }[];
    errorsText(separator?: string): string;
  }
  function aslValidator(
    definition: unknown,
    options?: { readonly checkPaths?: boolean; readonly checkArn?: boolean },
  ): AslValidationResult;
  export = aslValidator;
}
