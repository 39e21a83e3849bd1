import 'reflect-metadata';
import { ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { ApiModule } from './api.module';

/** The regulator's HTTP API (health only for now; the portal and uploads come later). */
async function main(): Promise<void> {
  const app = await NestFactory.create(ApiModule, { logger: ['error', 'warn', 'log'] });
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
  app.enableShutdownHooks();
  const doc = SwaggerModule.createDocument(
    app,
    new DocumentBuilder().setTitle('bioaudit').setVersion('0.1.0').build(),
  );
  SwaggerModule.setup('docs', app, doc);
  const config = app.get<AppConfig>(APP_CONFIG);
  await app.listen(config.api.port, '127.0.0.1');
}

void main();
