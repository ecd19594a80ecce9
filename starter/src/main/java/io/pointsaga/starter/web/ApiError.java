package io.pointsaga.starter.web;

/** The body of every error answer (SPEC §5). */
public record ApiError(String error, String message) {}
