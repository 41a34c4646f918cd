/**
 * Autotask cloud: the web UI (`ww{N}.autotask.net`) and the zone's REST host (`webservices{N}…`). Asked
 * for in the Connect click (an optional host permission) and given back after Disconnect.
 */
export const AUTOTASK_HOST_PATTERN = 'https://*.autotask.net/*';
