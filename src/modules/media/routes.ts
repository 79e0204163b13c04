import { Type } from '@sinclair/typebox';
import { createReadStream } from 'node:fs';
import { AppError } from '../../platform/errors.ts';
import { requirePrincipal } from '../../platform/http/access.ts';
import type { App } from '../../platform/http/server.ts';
import type { MediaService } from './service.ts';

const ImageSchema = Type.Object({ id: Type.String(), url: Type.String(), thumbUrl: Type.String(), width: Type.Integer(), height: Type.Integer() });

export function mediaRoutes(app: App, media: MediaService): void {
  app.post(
    '/api/v1/images',
    {
      config: { access: ['merchant', 'creator', 'operator'] },
      schema: { tags: ['media'], summary: 'Upload an image (multipart field "file"); JPEG, PNG, WebP, GIF or AVIF', consumes: ['multipart/form-data'], response: { 201: ImageSchema } },
    },
    async (req, reply) => {
      if (!req.isMultipart()) throw new AppError('unsupported_media_type', 'Send the image as multipart/form-data', 'file');
      // One part only, named "file"; any other part is an unknown field.
      let data: Buffer | null = null;
      for await (const part of req.parts()) {
        if (part.type !== 'file' || part.fieldname !== 'file' || data) throw new AppError('validation_failed', 'unknown field', part.fieldname, [{ field: part.fieldname, message: 'unknown field' }]);
        data = await part.toBuffer();
        if (part.file.truncated) throw new AppError('payload_too_large', 'The image is too large', 'file');
      }
      if (!data) throw new AppError('validation_failed', 'The multipart field "file" is required', 'file');
      const image = await media.uploadImage(data, requirePrincipal(req).userId);
      return reply.status(201).send(image);
    },
  );

  app.get(
    '/media/images/:imageId/:variant',
    {
      config: { access: 'public' },
      schema: { hide: true, params: Type.Object({ imageId: Type.String({ pattern: '^img_[0-9a-z]{10,40}$' }), variant: Type.Union([Type.Literal('orig'), Type.Literal('w240'), Type.Literal('w720')]) }) },
    },
    async (req, reply) => {
      const found = await media.locate(req.params.imageId, req.params.variant);
      if (!found) throw new AppError('not_found', 'Image not found', 'imageId');
      void reply.header('cache-control', 'public, max-age=31536000, immutable');
      void reply.header('x-content-type-options', 'nosniff');
      // Generated SVGs carry no script, but a policy makes sure none could ever run.
      void reply.header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'");
      return reply.type(found.mime).send(createReadStream(found.path));
    },
  );
}
