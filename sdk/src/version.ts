export const SDK_NAME = '@spyglass/sdk';
export const SDK_VERSION = '0.1.0';
