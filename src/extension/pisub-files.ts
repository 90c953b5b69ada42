/** `.pisub` files in any case (`RIVERSIDE.PISUB` too), as the server's workspace scan and the CLI find them. */
export const PISUB_GLOB = '**/*.[pP][iI][sS][uU][bB]';
