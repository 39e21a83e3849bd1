import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { scopeOf, type Principal } from '@app/auth';
import { CurrentPrincipal, Policy } from '../auth/policy.decorator';
import { ProblemDto } from '../problem/problem.dto';
import { CollectionRunDto, DeviceEndpointDto, DevicesQueryDto, NewDeviceEndpointDto } from './devices.dto';
import { DevicesService } from './devices.service';

/**
 * The terminals collected from over their own interface (`bioaudit devices`): officers of the firm's region read
 * the register, inspectors and heads register, collect and remove; a firm reads its own terminals. Passwords
 * go in and never come out.
 */
@ApiTags('devices')
@ApiBearerAuth()
@Controller('devices')
export class DevicesController {
  constructor(private readonly devices: DevicesService) {}

  @Get()
  @Policy('read', 'Device')
  @ApiOkResponse({
    type: DeviceEndpointDto,
    isArray: true,
    description: 'Registered terminals in your scope, by firm and device (never a credential)',
  })
  @ApiNotFoundResponse({
    type: ProblemDto,
    description: 'COLLECT.FIRM_NOT_FOUND: no such firm in your scope',
  })
  list(@CurrentPrincipal() principal: Principal, @Query() q: DevicesQueryDto): Promise<DeviceEndpointDto[]> {
    return this.devices.list(scopeOf(principal), q.firm);
  }

  @Post()
  @Policy('create', 'Device')
  @ApiCreatedResponse({
    type: DeviceEndpointDto,
    description: 'Registered; the password is sealed and not returned',
  })
  @ApiNotFoundResponse({
    type: ProblemDto,
    description: 'COLLECT.FIRM_NOT_FOUND: no such firm in your scope',
  })
  @ApiConflictResponse({
    type: ProblemDto,
    description: 'COLLECT.ENDPOINT_EXISTS: the device already has an endpoint (remove it first)',
  })
  @ApiUnprocessableEntityResponse({
    type: ProblemDto,
    description: 'API.VALIDATION, COLLECT.BAD_INPUT or COLLECT.SITE_REQUIRED, naming the field',
  })
  add(
    @CurrentPrincipal() principal: Principal,
    @Body() body: NewDeviceEndpointDto,
  ): Promise<DeviceEndpointDto> {
    return this.devices.add(scopeOf(principal), body, principal.username);
  }

  @Delete(':id')
  @Policy('delete', 'Device')
  @ApiOkResponse({
    type: DeviceEndpointDto,
    description: 'Removed: no longer collected (its device and evidence stay)',
  })
  @ApiNotFoundResponse({
    type: ProblemDto,
    description: 'COLLECT.ENDPOINT_NOT_FOUND: no such endpoint in your scope',
  })
  remove(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<DeviceEndpointDto> {
    return this.devices.remove(scopeOf(principal), id, principal.username);
  }

  @Post(':id/collect')
  @HttpCode(200)
  @Policy('update', 'Device')
  @ApiOkResponse({
    type: CollectionRunDto,
    description: 'Collected now, up to the settle margin: what was fetched, stored and the cursor after',
  })
  @ApiNotFoundResponse({
    type: ProblemDto,
    description: 'COLLECT.ENDPOINT_NOT_FOUND: no such endpoint in your scope',
  })
  @ApiConflictResponse({
    type: ProblemDto,
    description:
      'COLLECT.AUTH_REJECTED or COLLECT.CREDENTIAL_UNREADABLE: the registered credential does not work (register it again)',
  })
  @ApiServiceUnavailableResponse({
    type: ProblemDto,
    description:
      'COLLECT.DEVICE_UNREACHABLE, DEVICE_ERROR, PAGE_UNREADABLE or INCONSISTENT_RESULTS: the terminal failed; what was stored stays, the cursor did not pass it',
  })
  collect(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<CollectionRunDto> {
    return this.devices.collect(scopeOf(principal), id);
  }
}
