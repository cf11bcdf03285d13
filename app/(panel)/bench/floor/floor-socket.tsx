"use client";
// Opens one socket.io connection, as the dashboard does, and renders nothing.
import { useEffect } from "react";
import { io } from "socket.io-client";

export function FloorSocket() {
  useEffect(() => {
    const socket = io({ transports: ["websocket", "polling"] });
    return () => {
      socket.close();
    };
  }, []);
  return null;
}
