// The frame of the pages seen before signing in: logo, language, one card.

import { Box, Center, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { LanguageSwitcher } from '../../components/app-layout';
import { IconLogo } from '../../components/icons';

export function EntryFrame({ title, subtitle, children }: { title: string; subtitle?: ReactNode; children: ReactNode }) {
  return (
    <Box mih="100vh" p="md">
      <Group justify="space-between" mb="xl">
        <Group gap={6}>
          <IconLogo size={26} color="var(--mantine-color-indigo-6)" />
          <Text fw={700} size="lg">
            Rollcall
          </Text>
        </Group>
        <LanguageSwitcher />
      </Group>
      <Center>
        <Paper withBorder shadow="sm" radius="lg" p={{ base: 'lg', sm: 'xl' }} w="100%" maw={480} component="main">
          <Stack gap="md">
            <div>
              <Title order={1} size="h2">
                {title}
              </Title>
              {subtitle && (
                <Text c="dimmed" size="sm" mt={4}>
                  {subtitle}
                </Text>
              )}
            </div>
            {children}
          </Stack>
        </Paper>
      </Center>
    </Box>
  );
}
