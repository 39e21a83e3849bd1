import sharp from 'sharp';
import { DomainError } from '@app/common';
import { RgbImage } from './core/face-engine.ports';
import { RECOGNITION_ERRORS } from './core/recognition.errors';

/**
 * Decodes an image file or buffer to 8-bit RGB with sharp, applying the EXIF orientation; nothing leaves the
 * machine. Greyscale images are expanded to three equal channels.
 */
export async function decodeImage(input: string | Uint8Array): Promise<RgbImage> {
  try {
    const { data, info } = await sharp(input)
      .rotate()
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const { width, height, channels } = info;
    if (channels === 3)
      return { width, height, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
    const rgb = new Uint8Array(width * height * 3);
    for (let i = 0; i < width * height; i++) {
      const v = data[i * channels];
      rgb[i * 3] = v;
      rgb[i * 3 + 1] = v;
      rgb[i * 3 + 2] = v;
    }
    return { width, height, data: rgb };
  } catch (error) {
    const name = typeof input === 'string' ? input : `${input.byteLength}-byte buffer`;
    throw new DomainError(
      RECOGNITION_ERRORS.IMAGE_UNREADABLE,
      `cannot decode image ${name}`,
      { input: name },
      { cause: error },
    );
  }
}

/** Encodes an RGB image as PNG (for inspecting synthetic masks; lossless so nothing is altered). */
export async function encodePng(image: RgbImage): Promise<Buffer> {
  return sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } })
    .png()
    .toBuffer();
}
