/**
 * The linker, with pisub's own message for a `prior-year <name>` that does not resolve
 * (prior-year/unresolved; the code is given by PisubDocumentValidator).
 */
import { DefaultLinker, type AstNodeDescription, type LinkingError, type ReferenceInfo } from 'langium';

export class PisubLinker extends DefaultLinker {
    protected override createLinkingError(refInfo: ReferenceInfo, targetDescription?: AstNodeDescription): LinkingError {
        const name = refInfo.reference.$refText;
        return {
            ...super.createLinkingError(refInfo, targetDescription),
            message: `No submission named '${name}' is open in this workspace or folder. Name the prior year's submission as it appears after \`submission\` in its file, and check that file with this one.`
        };
    }
}
