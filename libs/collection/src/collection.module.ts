import { Module } from '@nestjs/common';
import { InspectionModule } from '@app/inspection';
import { PersistenceModule } from '@app/persistence';
import { CollectionKeys } from './collection-keys';
import { CollectionService } from './collection.service';
import { DahuaClientFactory } from './dahua/dahua-client.factory';
import { DemoTerminals } from './demo-terminals';
import { EndpointRegistryService } from './endpoint-registry.service';
import { IsapiClientFactory } from './isapi/isapi-client.factory';

/** Terminal collection: the endpoint register and the collector (the configuration is global, read at the app's root). */
@Module({
  imports: [PersistenceModule, InspectionModule],
  providers: [
    CollectionKeys,
    IsapiClientFactory,
    DahuaClientFactory,
    EndpointRegistryService,
    CollectionService,
    DemoTerminals,
  ],
  exports: [EndpointRegistryService, CollectionService, DemoTerminals],
})
export class CollectionModule {}
